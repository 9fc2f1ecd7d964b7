"""Demo-data pools for Pakistan, India and Sri Lanka: each entry is "Latin=native script".

The Latin half spells the same name the way its owner writes it in English (emails, Latin cards), the
native half is the Urdu, Hindi (Devanagari) or Tamil spelling. Strings are NFC and free of optional
Arabic vowel marks, so the search index stores them as they are (checked by tests).
"""

from __future__ import annotations

import unicodedata


def pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Parse "Latin=native; Latin=native" lines into (latin, native) tuples, NFC-normalised."""
    result = []
    for line in text.splitlines():
        for entry in line.split(";"):
            if entry.strip():
                latin, native = entry.split("=")
                result.append((unicodedata.normalize("NFC", latin.strip()), unicodedata.normalize("NFC", native.strip())))
    return tuple(result)


PK_MALE = pairs("""
Ahmed=احمد; Ali=علی; Hassan=حسن; Hussain=حسین; Usman=عثمان; Bilal=بلال; Imran=عمران; Kamran=کامران
Faisal=فیصل; Tariq=طارق; Asif=آصف; Zubair=زبیر; Saad=سعد; Hamza=حمزہ; Umar=عمر; Farhan=فرحان
Adnan=عدنان; Nadeem=ندیم; Naveed=نوید; Shahid=شاہد; Rashid=راشد; Junaid=جنید; Waqas=وقاص; Salman=سلمان
Rizwan=رضوان; Irfan=عرفان; Arif=عارف; Khalid=خالد; Zahid=زاہد; Sajid=ساجد; Majid=ماجد; Wajid=واجد
Javed=جاوید; Pervez=پرویز; Shahzad=شہزاد; Fahad=فہد; Danish=دانش; Yasir=یاسر; Aamir=عامر; Atif=عاطف
Babar=بابر; Noman=نعمان; Owais=اویس; Qasim=قاسم; Rehan=ریحان; Sohail=سہیل; Tahir=طاہر; Waseem=وسیم
Zeeshan=ذیشان; Ahsan=احسن; Ammar=عمار; Haris=حارث; Talha=طلحہ; Shoaib=شعیب; Mubashir=مبشر; Naeem=نعیم
Saleem=سلیم; Aslam=اسلم; Akram=اکرم; Iqbal=اقبال; Anwar=انور; Mansoor=منصور; Mushtaq=مشتاق; Ghulam=غلام
Abdullah=عبداللہ; Muhammad=محمد; Ayaz=ایاز; Hammad=حماد; Moiz=معز; Shakeel=شکیل; Jamil=جمیل; Nasir=ناصر
Sarfraz=سرفراز; Tanveer=تنویر; Zafar=ظفر; Azhar=اظہر; Kashif=کاشف; Mohsin=محسن; Najam=نجم; Raheel=راحیل
""")
PK_FEMALE = pairs("""
Ayesha=عائشہ; Fatima=فاطمہ; Zainab=زینب; Maryam=مریم; Sana=ثنا; Hina=حنا; Sadia=سعدیہ; Amna=آمنہ
Rabia=رابعہ; Nida=ندا; Saima=صائمہ; Asma=اسماء; Bushra=بشری; Farah=فرح; Iqra=اقرا; Mehwish=مہوش
Nadia=نادیہ; Rubina=روبینہ; Samina=ثمینہ; Shazia=شازیہ; Uzma=عظمی; Yasmin=یاسمین; Zara=زارا; Kiran=کرن
Sobia=صوبیہ; Tahira=طاہرہ; Nazia=نازیہ; Huma=ہما; Aliya=عالیہ; Anam=انعم; Areeba=اریبہ; Hafsa=حفصہ
Javeria=جویریہ; Khadija=خدیجہ; Laiba=لائبہ; Noor=نور; Rida=ردا; Sidra=سدرہ; Sumaira=سمیرا; Tayyaba=طیبہ
Fouzia=فوزیہ; Nasreen=نسرین; Parveen=پروین; Shabnam=شبنم; Shaista=شائستہ; Ghazala=غزالہ; Naila=نائلہ; Erum=ارم
Madiha=مدیحہ; Mehreen=مہرین; Saba=صبا; Sehrish=سحرش; Rukhsana=رخسانہ; Shagufta=شگفتہ; Farzana=فرزانہ; Nighat=نگہت
""")
PK_LAST = pairs("""
Khan=خان; Ahmed=احمد; Malik=ملک; Qureshi=قریشی; Siddiqui=صدیقی; Chaudhry=چوہدری; Butt=بٹ; Sheikh=شیخ
Raza=رضا; Hussain=حسین; Shah=شاہ; Bukhari=بخاری; Gillani=گیلانی; Abbasi=عباسی; Awan=اعوان; Baig=بیگ
Mirza=مرزا; Javed=جاوید; Iqbal=اقبال; Rana=رانا; Cheema=چیمہ; Bajwa=باجوہ; Warraich=وڑائچ; Gondal=گوندل
Janjua=جنجوعہ; Niazi=نیازی; Afridi=آفریدی; Yousafzai=یوسفزئی; Khattak=خٹک; Durrani=درانی; Memon=میمن; Soomro=سومرو
Bhutto=بھٹو; Jatoi=جتوئی; Talpur=ٹالپر; Baloch=بلوچ; Magsi=مگسی; Ansari=انصاری; Hashmi=ہاشمی; Zaidi=زیدی
Rizvi=رضوی; Naqvi=نقوی; Jafri=جعفری; Kazmi=کاظمی; Farooqi=فاروقی; Usmani=عثمانی; Alvi=علوی; Sethi=سیٹھی
Chughtai=چغتائی; Lodhi=لودھی; Tarar=تارڑ; Dogar=ڈوگر; Khokhar=کھوکھر; Sandhu=سندھو; Virk=ورک; Mughal=مغل
Paracha=پراچہ; Lakhani=لاکھانی; Dawood=داؤد; Tiwana=ٹوانہ; Gujjar=گجر; Arain=آرائیں; Kiyani=کیانی; Satti=ستی
""")

IN_MALE = pairs("""
Rahul=राहुल; Amit=अमित; Rajesh=राजेश; Suresh=सुरेश; Ramesh=रमेश; Vijay=विजय; Sanjay=संजय; Anil=अनिल
Sunil=सुनील; Manoj=मनोज; Deepak=दीपक; Ajay=अजय; Vikas=विकास; Rakesh=राकेश; Mahesh=महेश; Dinesh=दिनेश
Ashok=अशोक; Arun=अरुण; Vinod=विनोद; Pradeep=प्रदीप; Sandeep=संदीप; Alok=आलोक; Gaurav=गौरव; Saurabh=सौरभ
Rohit=रोहित; Mohit=मोहित; Nitin=नितिन; Pankaj=पंकज; Ravi=रवि; Arjun=अर्जुन; Aditya=आदित्य; Vivek=विवेक
Abhishek=अभिषेक; Ankit=अंकित; Harish=हरीश; Girish=गिरीश; Naresh=नरेश; Mukesh=मुकेश; Yogesh=योगेश; Umesh=उमेश
Kamal=कमल; Gopal=गोपाल; Krishna=कृष्ण; Mohan=मोहन; Shyam=श्याम; Hari=हरि; Prakash=प्रकाश; Subhash=सुभाष
Rajendra=राजेन्द्र; Narendra=नरेन्द्र; Devendra=देवेन्द्र; Jitendra=जितेन्द्र; Ravindra=रविन्द्र; Anand=आनंद; Akash=आकाश; Varun=वरुण
Karan=करण; Tarun=तरुण; Nikhil=निखिल; Sachin=सचिन; Rajiv=राजीव; Hemant=हेमंत; Lalit=ललित; Manish=मनीष
Ashish=आशीष; Siddharth=सिद्धार्थ; Kunal=कुणाल; Piyush=पीयूष; Ritesh=रितेश; Sumit=सुमित; Vishal=विशाल; Praveen=प्रवीण
""")
IN_FEMALE = pairs("""
Priya=प्रिया; Pooja=पूजा; Neha=नेहा; Anjali=अंजलि; Sunita=सुनीता; Anita=अनीता; Kavita=कविता; Rekha=रेखा
Meena=मीना; Geeta=गीता; Seema=सीमा; Neelam=नीलम; Poonam=पूनम; Suman=सुमन; Asha=आशा; Usha=उषा
Lata=लता; Shanti=शांति; Radha=राधा; Sita=सीता; Lakshmi=लक्ष्मी; Saraswati=सरस्वती; Durga=दुर्गा; Parvati=पार्वती
Shweta=श्वेता; Swati=स्वाति; Preeti=प्रीति; Jyoti=ज्योति; Divya=दिव्या; Kavya=काव्या; Aarti=आरती; Ritu=रितु
Nisha=निशा; Deepika=दीपिका; Monika=मोनिका; Sapna=सपना; Rani=रानी; Shilpa=शिल्पा; Sneha=स्नेहा; Payal=पायल
Pallavi=पल्लवी; Madhuri=माधुरी; Archana=अर्चना; Vandana=वंदना; Rashmi=रश्मि; Mamta=ममता; Savita=सविता; Nirmala=निर्मला
Kamla=कमला; Shobha=शोभा; Aishwarya=ऐश्वर्या; Ananya=अनन्या; Isha=ईशा; Tanvi=तन्वी; Riya=रिया; Manju=मंजू
""")
IN_LAST = pairs("""
Sharma=शर्मा; Verma=वर्मा; Gupta=गुप्ता; Singh=सिंह; Kumar=कुमार; Agarwal=अग्रवाल; Jain=जैन; Mehta=मेहता
Patel=पटेल; Shah=शाह; Joshi=जोशी; Mishra=मिश्रा; Pandey=पांडे; Tiwari=तिवारी; Dubey=दुबे; Chaturvedi=चतुर्वेदी
Trivedi=त्रिवेदी; Srivastava=श्रीवास्तव; Saxena=सक्सेना; Yadav=यादव; Chauhan=चौहान; Rathore=राठौर; Rajput=राजपूत; Thakur=ठाकुर
Bansal=बंसल; Goyal=गोयल; Mittal=मित्तल; Garg=गर्ग; Kapoor=कपूर; Khanna=खन्ना; Malhotra=मल्होत्रा; Arora=अरोड़ा
Bhatia=भाटिया; Chopra=चोपड़ा; Sethi=सेठी; Ahuja=आहूजा; Kulkarni=कुलकर्णी; Deshpande=देशपांडे; Patil=पाटिल; Jadhav=जाधव
Pawar=पवार; Desai=देसाई; Nair=नायर; Menon=मेनन; Iyer=अय्यर; Reddy=रेड्डी; Rao=राव; Das=दास
Bose=बोस; Chatterjee=चटर्जी; Banerjee=बनर्जी; Mukherjee=मुखर्जी; Sinha=सिन्हा; Prasad=प्रसाद; Chaudhary=चौधरी; Bhatt=भट्ट
Dwivedi=द्विवेदी; Awasthi=अवस्थी; Shukla=शुक्ला; Bajaj=बजाज; Tripathi=त्रिपाठी; Upadhyay=उपाध्याय; Rastogi=रस्तोगी; Khandelwal=खंडेलवाल
""")

LK_TAMIL_MALE = pairs("""
Kumar=குமார்; Suresh=சுரேஷ்; Ramesh=ரமேஷ்; Ganesh=கணேஷ்; Mahesh=மகேஷ்; Rajan=ராஜன்; Selvam=செல்வம்; Murugan=முருகன்
Senthil=செந்தில்; Karthik=கார்த்திக்; Arun=அருண்; Vijay=விஜய்; Ravi=ரவி; Siva=சிவா; Bala=பாலா; Prakash=பிரகாஷ்
Mohan=மோகன்; Raja=ராஜா; Kannan=கண்ணன்; Krishnan=கிருஷ்ணன்; Gopal=கோபால்; Sathish=சதீஷ்; Dinesh=தினேஷ்; Naveen=நவீன்
Pradeep=பிரதீப்; Rajesh=ராஜேஷ்; Anand=ஆனந்த்; Vasanth=வசந்த்; Thilak=திலக்; Sivakumar=சிவகுமார்; Thevarajah=தேவராஜா; Kandiah=கந்தையா
Sinnathurai=சின்னத்துரை; Thambirajah=தம்பிராஜா; Yogeswaran=யோகேஸ்வரன்; Jeyakumar=ஜெயக்குமார்; Kirubakaran=கிருபாகரன்; Mathivanan=மதிவாணன்; Ratnam=ரத்னம்; Sritharan=ஸ்ரீதரன்
Thanabalan=தனபாலன்; Vigneswaran=விக்னேஸ்வரன்; Sutharsan=சுதர்சன்; Prashanth=பிரசாந்த்; Mugunthan=முகுந்தன்; Ilango=இளங்கோ; Kathir=கதிர்; Surya=சூர்யா
Vinoth=வினோத்; Niroshan=நிரோஷன்; Thusyanthan=துஷ்யந்தன்; Janarthanan=ஜனார்த்தனன்; Gajan=கஜன்; Sanjeev=சஞ்சீவ்; Mayuran=மயூரன்; Kesavan=கேசவன்
""")
LK_TAMIL_FEMALE = pairs("""
Lakshmi=லட்சுமி; Priya=பிரியா; Kavitha=கவிதா; Meena=மீனா; Geetha=கீதா; Revathi=ரேவதி; Malathi=மாலதி; Vasuki=வாசுகி
Shanthi=சாந்தி; Kalpana=கல்பனா; Sumathi=சுமதி; Nirmala=நிர்மலா; Selvi=செல்வி; Tharani=தரணி; Thivya=திவ்யா; Janani=ஜனனி
Kowsalya=கௌசல்யா; Abirami=அபிராமி; Anusha=அனுஷா; Brinda=பிருந்தா; Dharshini=தர்ஷினி; Gayathri=காயத்ரி; Harini=ஹரிணி; Jeyanthi=ஜெயந்தி
Kamala=கமலா; Mathumitha=மதுமிதா; Nithya=நித்யா; Pavithra=பவித்ரா; Rajeswari=ராஜேஸ்வரி; Sangeetha=சங்கீதா; Thamilini=தமிழினி; Vani=வாணி
Yalini=யாழினி; Sharmila=ஷர்மிளா; Uma=உமா; Saranya=சரண்யா; Keerthana=கீர்த்தனா; Mythili=மைதிலி; Pushpa=புஷ்பா; Vijitha=விஜிதா
Sivaranjani=சிவரஞ்சனி; Thulasi=துளசி; Nivetha=நிவேதா; Krishanthi=கிருஷாந்தி; Mangala=மங்களா; Sarojini=சரோஜினி; Ambika=அம்பிகா; Devaki=தேவகி
""")
LK_TAMIL_LAST = pairs("""
Rajaratnam=ராஜரத்னம்; Sivanesan=சிவநேசன்; Kanagaratnam=கனகரத்னம்; Thurairajah=துரைராஜா; Shanmugam=சண்முகம்; Subramaniam=சுப்பிரமணியம்; Arumugam=ஆறுமுகம்; Velupillai=வேலுப்பிள்ளை
Selvarajah=செல்வராஜா; Gunaratnam=குணரத்னம்; Jeyaratnam=ஜெயரத்னம்; Kanapathipillai=கணபதிப்பிள்ளை; Mahalingam=மகாலிங்கம்; Navaratnam=நவரத்னம்; Paramanathan=பரமநாதன்; Ponnuthurai=பொன்னுத்துரை
Ramanathan=ராமநாதன்; Sabaratnam=சபாரத்னம்; Sinnathamby=சின்னத்தம்பி; Sivalingam=சிவலிங்கம்; Somasundaram=சோமசுந்தரம்; Thillainathan=தில்லைநாதன்; Yogarajah=யோகராஜா; Kandasamy=கந்தசாமி
Muthukumar=முத்துக்குமார்; Nadarajah=நடராஜா; Rasiah=ராசையா; Sellathurai=செல்லத்துரை; Thiruchelvam=திருச்செல்வம்; Vythilingam=வைத்திலிங்கம்; Ganeshan=கணேசன்; Murugesu=முருகேசு
Ratnasingam=ரத்னசிங்கம்; Sivagnanam=சிவஞானம்; Thangarajah=தங்கராஜா; Periyasamy=பெரியசாமி; Mylvaganam=மயில்வாகனம்; Sundaralingam=சுந்தரலிங்கம்; Kumarasamy=குமாரசாமி; Pathmanathan=பத்மநாதன்
Chandrasekaran=சந்திரசேகரன்; Jegatheesan=ஜெகதீசன்; Loganathan=லோகநாதன்; Manickam=மாணிக்கம்; Rajendran=ராஜேந்திரன்; Sothinathan=சோதிநாதன்; Umapathy=உமாபதி; Balasubramaniam=பாலசுப்பிரமணியம்
""")

# Sinhala names written in Latin script, as most Sri Lankan business cards show them.
LK_SINHALA_MALE = tuple(
    "Nimal Kamal Sunil Chaminda Ruwan Dilshan Kasun Nuwan Tharindu Lahiru Chathura Sanjeewa Mahinda Asanka "
    "Pradeep Roshan Thilina Dinesh Janaka Buddhika Upul Saman Nalin Ajith Gayan Isuru Harsha Dasun".split()
)
LK_SINHALA_FEMALE = tuple(
    "Nadeesha Dilani Chamari Sanduni Ishara Nirosha Tharushi Kumari Anoma Sewwandi Nilmini Shanika Madhavi "
    "Hiruni Dinusha Iresha Thilini Piumi Gayani Chathurika".split()
)
LK_SINHALA_LAST = tuple(
    "Perera Fernando Silva Jayasinghe Wickramasinghe Bandara Dissanayake Gunawardena Senanayake Herath "
    "Rathnayake Jayawardena Karunaratne Wijesinghe Amarasinghe Samarasinghe Rajapakse Weerasinghe Ekanayake "
    "Gamage Liyanage Mendis Peiris Kumarasinghe Abeysekera Ranasinghe Wijeratne Senaratne".split()
)

# Honorifics as they are written in each script: (male, female).
PK_PREFIXES = pairs("Mr=جناب; Dr=ڈاکٹر; Haji=حاجی; Prof=پروفیسر"), pairs("Mrs=بیگم; Dr=ڈاکٹر; Ms=محترمہ")
IN_PREFIXES = pairs("Mr=श्री; Dr=डॉ.; Shri=श्री"), pairs("Mrs=श्रीमती; Dr=डॉ.; Ms=सुश्री")
LK_PREFIXES = pairs("Mr=திரு; Dr=டாக்டர்"), pairs("Mrs=திருமதி; Miss=செல்வி; Dr=டாக்டர்")

# (city, region, postcode range as (low, high) or a tuple of codes, landline area code)
PK_CITIES = (
    (("Karachi", "کراچی"), ("Sindh", "سندھ"), (74000, 75950), "21"),
    (("Lahore", "لاہور"), ("Punjab", "پنجاب"), (54000, 54950), "42"),
    (("Islamabad", "اسلام آباد"), ("Islamabad Capital Territory", "وفاقی دارالحکومت"), (44000, 44790), "51"),
    (("Rawalpindi", "راولپنڈی"), ("Punjab", "پنجاب"), (46000, 46300), "51"),
    (("Faisalabad", "فیصل آباد"), ("Punjab", "پنجاب"), (38000, 38090), "41"),
    (("Multan", "ملتان"), ("Punjab", "پنجاب"), (60000, 60800), "61"),
    (("Peshawar", "پشاور"), ("Khyber Pakhtunkhwa", "خیبر پختونخوا"), (25000, 25200), "91"),
    (("Quetta", "کوئٹہ"), ("Balochistan", "بلوچستان"), (87300, 87550), "81"),
    (("Sialkot", "سیالکوٹ"), ("Punjab", "پنجاب"), (51310, 51320), "52"),
    (("Gujranwala", "گوجرانوالہ"), ("Punjab", "پنجاب"), (52250, 52260), "55"),
    (("Hyderabad", "حیدرآباد"), ("Sindh", "سندھ"), (71000, 71500), "22"),
    (("Sukkur", "سکھر"), ("Sindh", "سندھ"), (65200, 65210), "71"),
    (("Bahawalpur", "بہاولپور"), ("Punjab", "پنجاب"), (63100, 63110), "62"),
    (("Abbottabad", "ایبٹ آباد"), ("Khyber Pakhtunkhwa", "خیبر پختونخوا"), (22010, 22060), "992"),
)
IN_CITIES = (
    (("New Delhi", "नई दिल्ली"), ("Delhi", "दिल्ली"), (110001, 110096), "11"),
    (("Mumbai", "मुंबई"), ("Maharashtra", "महाराष्ट्र"), (400001, 400104), "22"),
    (("Jaipur", "जयपुर"), ("Rajasthan", "राजस्थान"), (302001, 302039), "141"),
    (("Lucknow", "लखनऊ"), ("Uttar Pradesh", "उत्तर प्रदेश"), (226001, 226031), "522"),
    (("Kanpur", "कानपुर"), ("Uttar Pradesh", "उत्तर प्रदेश"), (208001, 208027), "512"),
    (("Varanasi", "वाराणसी"), ("Uttar Pradesh", "उत्तर प्रदेश"), (221001, 221011), "542"),
    (("Patna", "पटना"), ("Bihar", "बिहार"), (800001, 800030), "612"),
    (("Bhopal", "भोपाल"), ("Madhya Pradesh", "मध्य प्रदेश"), (462001, 462047), "755"),
    (("Indore", "इंदौर"), ("Madhya Pradesh", "मध्य प्रदेश"), (452001, 452020), "731"),
    (("Ahmedabad", "अहमदाबाद"), ("Gujarat", "गुजरात"), (380001, 380061), "79"),
    (("Pune", "पुणे"), ("Maharashtra", "महाराष्ट्र"), (411001, 411062), "20"),
    (("Chandigarh", "चंडीगढ़"), ("Chandigarh", "चंडीगढ़"), (160001, 160036), "172"),
    (("Agra", "आगरा"), ("Uttar Pradesh", "उत्तर प्रदेश"), (282001, 282010), "562"),
    (("Bengaluru", "बेंगलुरु"), ("Karnataka", "कर्नाटक"), (560001, 560103), "80"),
    (("Kolkata", "कोलकाता"), ("West Bengal", "पश्चिम बंगाल"), (700001, 700160), "33"),
)
_COLOMBO = tuple(f"{n:03d}00" for n in range(1, 16))
LK_CITIES = (
    (("Colombo", "கொழும்பு"), ("Western Province", "மேல் மாகாணம்"), _COLOMBO, "11"),
    (("Jaffna", "யாழ்ப்பாணம்"), ("Northern Province", "வட மாகாணம்"), ("40000",), "21"),
    (("Kandy", "கண்டி"), ("Central Province", "மத்திய மாகாணம்"), ("20000",), "81"),
    (("Trincomalee", "திருகோணமலை"), ("Eastern Province", "கிழக்கு மாகாணம்"), ("31000",), "26"),
    (("Batticaloa", "மட்டக்களப்பு"), ("Eastern Province", "கிழக்கு மாகாணம்"), ("30000",), "65"),
    (("Vavuniya", "வவுனியா"), ("Northern Province", "வட மாகாணம்"), ("43000",), "24"),
    (("Nuwara Eliya", "நுவரெலியா"), ("Central Province", "மத்திய மாகாணம்"), ("22200",), "52"),
    (("Galle", "காலி"), ("Southern Province", "தென் மாகாணம்"), ("80000",), "91"),
    (("Negombo", "நீர்கொழும்பு"), ("Western Province", "மேல் மாகாணம்"), ("11500",), "31"),
    (("Dehiwala", "தெஹிவளை"), ("Western Province", "மேல் மாகாணம்"), ("10350",), "11"),
    (("Kilinochchi", "கிளிநொச்சி"), ("Northern Province", "வட மாகாணம்"), ("44000",), "21"),
)

PK_STREETS = pairs("""
Shahrah-e-Faisal=شاہراہ فیصل; Mall Road=مال روڈ; MM Alam Road=ایم ایم عالم روڈ; Jinnah Avenue=جناح ایونیو
Tariq Road=طارق روڈ; Ferozepur Road=فیروز پور روڈ; University Road=یونیورسٹی روڈ; GT Road=جی ٹی روڈ
Circular Road=سرکلر روڈ; Canal Road=کینال روڈ; Main Boulevard Gulberg=مین بلیوارڈ گلبرگ; Saddar Bazaar=صدر بازار
Anarkali Bazaar=انارکلی بازار; Liberty Market=لبرٹی مارکیٹ; Blue Area=بلیو ایریا; Model Town=ماڈل ٹاؤن
DHA Phase 5=ڈی ایچ اے فیز 5; Gulshan-e-Iqbal=گلشن اقبال; North Nazimabad=نارتھ ناظم آباد; Clifton=کلفٹن
Johar Town=جوہر ٹاؤن; Satellite Town=سیٹلائٹ ٹاؤن; Cantt=کینٹ; Kohinoor City=کوہ نور سٹی; Hall Road=ہال روڈ
Raja Bazaar=راجہ بازار; Qissa Khwani Bazaar=قصہ خوانی بازار; Jail Road=جیل روڈ; Bohri Bazaar=بوہری بازار
""")
IN_STREETS = pairs("""
MG Road=एमजी रोड; Station Road=स्टेशन रोड; Nehru Nagar=नेहरू नगर; Gandhi Marg=गांधी मार्ग; Chandni Chowk=चांदनी चौक
Karol Bagh=करोल बाग; Civil Lines=सिविल लाइन्स; Sadar Bazar=सदर बाजार; Rajendra Nagar=राजेन्द्र नगर
Shastri Nagar=शास्त्री नगर; Laxmi Nagar=लक्ष्मी नगर; Malviya Nagar=मालवीय नगर; Ashok Vihar=अशोक विहार
Tilak Road=तिलक रोड; Subhash Chowk=सुभाष चौक; Hazratganj=हज़रतगंज; Park Street=पार्क स्ट्रीट; Linking Road=लिंकिंग रोड
Nehru Place=नेहरू प्लेस; Lajpat Nagar=लाजपत नगर; Gomti Nagar=गोमती नगर; Ring Road=रिंग रोड; Mall Road=माल रोड
Johari Bazar=जौहरी बाजार; Sarojini Nagar=सरोजिनी नगर; Indira Nagar=इंदिरा नगर; Saket=साकेत; Dadar=दादर
""")
LK_STREETS = pairs("""
Galle Road=காலி வீதி; Hospital Road=வைத்தியசாலை வீதி; Kandy Road=கண்டி வீதி; Stanley Road=ஸ்டான்லி வீதி
KKS Road=காங்கேசன்துறை வீதி; Point Pedro Road=பருத்தித்துறை வீதி; Temple Road=கோவில் வீதி; Main Street=பிரதான வீதி
Sea Street=கடல் வீதி; Marine Drive=மரைன் டிரைவ்; Duplication Road=டுப்ளிகேஷன் வீதி; Station Road=புகையிரத நிலைய வீதி
Palaly Road=பலாலி வீதி; Navalar Road=நாவலர் வீதி; Kasthuriyar Road=கஸ்தூரியார் வீதி; Trinco Road=திருகோணமலை வீதி
Wellawatte=வெள்ளவத்தை; Kotahena=கொட்டாஞ்சேனை; Pettah=புறக்கோட்டை; Bambalapitiya=பம்பலப்பிட்டி
""")

# Business name endings, and job titles, in each script.
PK_COMPANY_SUFFIXES = pairs("""
Traders=ٹریڈرز; & Sons=اینڈ سنز; Textiles=ٹیکسٹائلز; Enterprises=انٹرپرائزز; Garments=گارمنٹس; Electronics=الیکٹرانکس
Cloth House=کلاتھ ہاؤس; Jewellers=جیولرز; Rice Mills=رائس ملز; Pharmacy=فارمیسی; General Store=جنرل اسٹور; Sweets=سویٹس
Auto Parts=آٹو پارٹس; Surgical=سرجیکل; Sports=سپورٹس; Leather Works=لیدر ورکس; Builders=بلڈرز; Carpets=کارپٹس
""")
IN_COMPANY_SUFFIXES = pairs("""
Traders=ट्रेडर्स; & Sons=एंड संस; Enterprises=एंटरप्राइजेज; Textiles=टेक्सटाइल्स; Jewellers=ज्वेलर्स; Sweets=स्वीट्स
Electricals=इलेक्ट्रिकल्स; Medical Store=मेडिकल स्टोर; Handicrafts=हैंडीक्राफ्ट्स; Saree Centre=साड़ी सेंटर; Spices=मसाले
Exports=एक्सपोर्ट्स; Hardware=हार्डवेयर; Kirana Store=किराना स्टोर; Printers=प्रिंटर्स; Agencies=एजेंसीज़
""")
LK_COMPANY_SUFFIXES = pairs("""
Traders=டிரேடர்ஸ்; & Sons=அண்ட் சன்ஸ்; Stores=ஸ்டோர்ஸ்; Jewellers=ஜுவலர்ஸ்; Textiles=டெக்ஸ்டைல்ஸ்; Enterprises=என்டர்பிரைசஸ்
Tea Exporters=தேயிலை ஏற்றுமதியாளர்கள்; Spices=வாசனைப் பொருட்கள்; Hardware=ஹார்ட்வெயார்; Pharmacy=மருந்தகம்; Agencies=ஏஜென்சீஸ்
""")
PK_JOBS = pairs("""
Owner=مالک; Manager=منیجر; Director=ڈائریکٹر; Accountant=اکاؤنٹنٹ; Sales Manager=سیلز منیجر; Partner=پارٹنر
Purchase Officer=پرچیز آفیسر; Shopkeeper=دکاندار; Chief Executive=چیف ایگزیکٹو; Marketing Manager=مارکیٹنگ منیجر
""")
IN_JOBS = pairs("""
Owner=मालिक; Manager=प्रबंधक; Director=निदेशक; Accountant=लेखाकार; Sales Manager=बिक्री प्रबंधक; Partner=साझेदार
Purchase Manager=क्रय प्रबंधक; Proprietor=प्रोपराइटर; General Manager=महाप्रबंधक; Store Manager=स्टोर मैनेजर
""")
LK_JOBS = pairs("""
Owner=உரிமையாளர்; Manager=முகாமையாளர்; Director=இயக்குநர்; Accountant=கணக்காளர்; Sales Manager=விற்பனை முகாமையாளர்
Partner=பங்குதாரர்; Proprietor=உரிமையாளர்; Purchasing Officer=கொள்வனவு அலுவலர்
""")

# Notes people type about their customers, in Latin and native script.
PK_NOTES = pairs("""
Prefers WhatsApp after 6 pm=شام چھ بجے کے بعد واٹس ایپ پر رابطہ کریں; Pays on time, 30 days credit=وقت پر ادائیگی کرتے ہیں، تیس دن کا ادھار
Send Eid card every year=ہر سال عید کارڈ بھیجیں; Interested in the new lawn collection=نئی لان کلیکشن میں دلچسپی ہے
Met at the Expo Centre Lahore=ایکسپو سینٹر لاہور میں ملاقات ہوئی; Wants a quotation for 500 pieces=پانچ سو پیس کی کوٹیشن چاہیے
Call before visiting the shop=دکان پر آنے سے پہلے فون کریں; Brother-in-law of Mr Qureshi=قریشی صاحب کے بہنوئی
""")
IN_NOTES = pairs("""
Prefers a phone call in the morning=सुबह फ़ोन करना पसंद करते हैं; Send Diwali sweets box=दिवाली पर मिठाई का डिब्बा भेजें
Pays by cheque, 45 days=चेक से भुगतान, 45 दिन; Interested in bulk orders before the wedding season=शादी के मौसम से पहले थोक ऑर्डर में रुचि
Met at the trade fair in Pragati Maidan=प्रगति मैदान के व्यापार मेले में मिले; Asked for a GST invoice=जीएसटी बिल माँगा है
Referred by Sharma ji=शर्मा जी ने भेजा; Visit the shop on Saturdays only=केवल शनिवार को दुकान पर जाएँ
""")
LK_NOTES = pairs("""
Prefers calls in Tamil=தமிழில் அழைப்பதை விரும்புகிறார்; Send a Thai Pongal greeting=தைப்பொங்கல் வாழ்த்து அனுப்பவும்
Pays by bank transfer=வங்கி மாற்றம் மூலம் பணம் செலுத்துகிறார்; Interested in tea export prices=தேயிலை ஏற்றுமதி விலைகளில் ஆர்வம்
Met at the Jaffna trade fair=யாழ்ப்பாண வர்த்தகக் கண்காட்சியில் சந்தித்தோம்; Shop closed on Sundays=ஞாயிற்றுக்கிழமை கடை மூடப்பட்டிருக்கும்
Needs delivery to Colombo=கொழும்புக்கு விநியோகம் தேவை; Old customer of my father=என் தந்தையின் பழைய வாடிக்கையாளர்
""")
